;; Emacs (28, Debian's elpa-eglot) as a language client of `concord lsp`, in batch mode:
;; open LSP_FILE under LSP_ROOT with the server LSP_CMD (a JSON list), wait for the server's
;; diagnostics of the file, optionally replace line N with TEXT (LSP_EDIT='N:TEXT') as typing
;; would and wait for the diagnostics of that version, then write what Flymake shows as JSON
;; to LSP_OUT: {"ok": bool, "first": [...], "after_edit": [...]}, each diagnostic with 0-based
;; "line", "column", "end_line", "end_column" (Emacs columns: characters) and "text".
(require 'package)
;; Debian's elpa packages live where `emacs -Q' does not look by itself.
(setq package-directory-list
      (append '("/usr/share/emacs/site-lisp/elpa" "/usr/share/emacs/site-lisp/elpa-src") package-directory-list))
(package-initialize)
(require 'eglot)
(require 'flymake)
(require 'json)
(require 'cl-lib)

(defconst concord-cmd (append (json-read-from-string (getenv "LSP_CMD")) nil))
(defconst concord-file (expand-file-name (getenv "LSP_FILE")))
(defconst concord-root (file-name-as-directory (expand-file-name (or (getenv "LSP_ROOT") default-directory))))
(defconst concord-out (getenv "LSP_OUT"))
(defconst concord-edit (getenv "LSP_EDIT"))
(defconst concord-timeout (/ (string-to-number (or (getenv "LSP_WAIT_MS") "15000")) 1000.0))

(defvar concord-publishes 0)
(defvar concord-min-version nil)

;; Count the server's publishes for our file (for the awaited version, after an edit).
(cl-defmethod eglot-handle-notification :after
  (_server (_method (eql textDocument/publishDiagnostics)) &key uri version &allow-other-keys)
  (when (and (string= (file-truename (eglot--uri-to-path uri)) (file-truename concord-file))
             (or (null concord-min-version) (null version) (>= version concord-min-version)))
    (setq concord-publishes (1+ concord-publishes))))

(defun concord-await (count)
  (let ((deadline (+ (float-time) concord-timeout)))
    (while (and (< concord-publishes count) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (flymake-start)
    (dotimes (_ 5) (accept-process-output nil 0.05))
    (>= concord-publishes count)))

(defun concord-shown ()
  (vconcat
   (mapcar (lambda (d)
             (let ((beg (flymake-diagnostic-beg d)) (end (flymake-diagnostic-end d)))
               (list (cons 'line (1- (line-number-at-pos beg)))
                     (cons 'column (save-excursion (goto-char beg) (current-column)))
                     (cons 'end_line (1- (line-number-at-pos end)))
                     (cons 'end_column (save-excursion (goto-char end) (current-column)))
                     (cons 'text (flymake-diagnostic-text d)))))
           (flymake-diagnostics))))

(find-file concord-file)
(setq eglot-sync-connect t eglot-autoshutdown nil eglot-send-changes-idle-time 0)
(setq eglot-server-programs (list (cons major-mode concord-cmd)))
(let ((project-find-functions (list (lambda (_) (cons 'transient concord-root)))))
  (apply #'eglot (eglot--guess-contact)))
(flymake-mode 1)
(let* ((ok (concord-await 1)) (first (concord-shown)) after)
  (when (and ok concord-edit)
    (let* ((colon (string-match ":" concord-edit))
           (line (string-to-number (substring concord-edit 0 colon)))
           (seen concord-publishes))
      (goto-char (point-min))
      (forward-line (1- line))
      (delete-region (line-beginning-position) (line-end-position))
      (insert (substring concord-edit (1+ colon)))
      (setq concord-min-version eglot--versioned-identifier)
      (eglot--signal-textDocument/didChange)
      (setq ok (concord-await (1+ seen)))
      (setq after (concord-shown))))
  (with-temp-file concord-out
    (insert (json-encode (list (cons 'ok (if ok t :json-false)) (cons 'first first) (cons 'after_edit (or after []))))))
  (ignore-errors (eglot-shutdown (eglot-current-server)))
  (kill-emacs 0))
