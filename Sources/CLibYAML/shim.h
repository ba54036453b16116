#ifndef CONCORD_CLIBYAML_SHIM_H
#define CONCORD_CLIBYAML_SHIM_H
#include <yaml.h>
#endif
