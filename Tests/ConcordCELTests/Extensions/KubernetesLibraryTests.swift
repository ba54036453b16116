import XCTest
@testable import ConcordCEL

/// Kubernetes' CEL libraries, from the examples of the Kubernetes documentation ("CEL in
/// Kubernetes", k8s.io/apiserver/pkg/cel/library).
final class KubernetesLibraryTests: CELExtensionTestCase {
    func testURLs() {
        assertTrue("isURL('https://example.com/path')")
        assertTrue("isURL('/absolute-path')")
        assertValue("isURL('example.com')", .bool(false))
        assertValue("isURL('https://exa mple.com/')", .bool(false))
        assertTrue("url('https://example.com:80/').getHost() == 'example.com:80'")
        assertTrue("url('https://example.com/').getHost() == 'example.com'")
        assertTrue("url('https://[::1]:80/').getHost() == '[::1]:80'")
        assertTrue("url('https://[::1]:80/').getHostname() == '::1'")
        assertTrue("url('https://user:pw@example.com:8080/').getHostname() == 'example.com'")
        assertTrue("url('https://example.com:80/').getPort() == '80' && url('https://example.com/').getPort() == ''")
        assertTrue("url('/path').getScheme() == '' && url('https://example.com/').getScheme() == 'https'")
        assertTrue("url('https://example.com/path').getEscapedPath() == '/path'")
        assertTrue("url('https://example.com/path with spaces/').getEscapedPath() == '/path%20with%20spaces/'")
        assertTrue("url('https://example.com/?k=v&k=v2&j=a+b').getQuery() == {'k': ['v', 'v2'], 'j': ['a b']}")
        assertTrue("url('https://example.com/').getQuery() == {}")
        assertTrue("type(url('/a')) == kubernetes.URL || string(url('/a')) == '/a'")
        assertError("url('example.com')", containing: "invalid URI for request")
        assertError("url('https://example.com:8a/')", containing: "invalid port")
    }

    func testIPs() {
        assertTrue("isIP('127.0.0.1') && isIP('::1') && isIP('2001:db8::abc')")
        assertValue("isIP('127.0.0.256')", .bool(false))
        assertValue("isIP('127.0.0.01')", .bool(false))
        assertValue("isIP('::ffff:1.2.3.4')", .bool(false))
        assertValue("isIP('fe80::1%eth0')", .bool(false))
        assertTrue("ip('127.0.0.1').family() == 4 && ip('::1').family() == 6")
        assertTrue("ip('10.0.0.1').family() == 4")
        assertTrue("ip.isCanonical('127.0.0.1') && ip.isCanonical('2001:db8::abc')")
        assertValue("ip.isCanonical('2001:DB8::ABC')", .bool(false))
        assertValue("ip.isCanonical('2001:db8:0:0:0:0:0:abc')", .bool(false))
        assertTrue("string(ip('2001:DB8:0:0:1:0:0:1')) == '2001:db8::1:0:0:1'")
        assertTrue("string(ip('2001:db8:0:1:1:1:1:1')) == '2001:db8:0:1:1:1:1:1'")
        assertTrue("ip('0.0.0.0').isUnspecified() && ip('::').isUnspecified() && !ip('127.0.0.1').isUnspecified()")
        assertTrue("ip('127.0.0.1').isLoopback() && ip('::1').isLoopback() && !ip('10.0.0.1').isLoopback()")
        assertTrue("ip('224.0.0.1').isLinkLocalMulticast() && ip('ff02::1').isLinkLocalMulticast() && !ip('224.0.1.1').isLinkLocalMulticast()")
        assertTrue("ip('169.254.169.254').isLinkLocalUnicast() && ip('fe80::1').isLinkLocalUnicast() && !ip('192.168.0.1').isLinkLocalUnicast()")
        assertTrue("ip('192.168.0.1').isGlobalUnicast() && ip('2001:db8::abc').isGlobalUnicast() && !ip('255.255.255.255').isGlobalUnicast()")
        assertTrue("ip('127.0.0.1') == ip('127.0.0.1') && ip('::1') != ip('::2')")
        assertError("ip('1.2.3')", containing: "parse error")
    }

    func testCIDRs() {
        assertTrue("isCIDR('192.168.0.0/24') && isCIDR('::1/128')")
        assertValue("isCIDR('192.168.0.0/33')", .bool(false))
        assertValue("isCIDR('192.168.0.0')", .bool(false))
        assertTrue("cidr('192.168.0.0/24').containsIP(ip('192.168.0.1'))")
        assertTrue("cidr('192.168.0.0/24').containsIP('192.168.0.1')")
        assertValue("cidr('192.168.0.0/24').containsIP(ip('192.168.1.1'))", .bool(false))
        assertValue("cidr('192.168.0.0/24').containsIP(ip('::1'))", .bool(false))
        assertTrue("cidr('192.168.0.0/24').containsCIDR(cidr('192.168.0.0/25'))")
        assertTrue("cidr('192.168.0.0/24').containsCIDR('192.168.0.128/25')")
        assertValue("cidr('192.168.0.0/24').containsCIDR(cidr('192.168.0.0/23'))", .bool(false))
        assertTrue("cidr('192.168.0.1/24').ip() == ip('192.168.0.1')")
        assertTrue("cidr('192.168.0.1/24').masked() == cidr('192.168.0.0/24')")
        assertTrue("cidr('::1/64').masked() == cidr('::/64')")
        assertTrue("cidr('192.168.0.0/24').prefixLength() == 24")
        assertTrue("string(cidr('192.168.0.0/24')) == '192.168.0.0/24'")
        assertError("cidr('192.168.0.0/024')", containing: "parse error")
    }

    func testNamedFormats() {
        assertTrue("format.dns1123Label().validate('my-name') == optional.none()")
        assertTrue("format.dns1123Label().validate('My_Name').hasValue()")
        assertTrue("format.dns1123Label().validate('My_Name').value()[0].startsWith('a lowercase RFC 1123 label')")
        assertTrue("format.dns1123Subdomain().validate('example.com') == optional.none()")
        assertTrue("format.dns1035Label().validate('1abc').hasValue() && !format.dns1123Label().validate('1abc').hasValue()")
        assertTrue("format.qualifiedName().validate('example.com/MyName') == optional.none()")
        assertTrue("format.qualifiedName().validate('a/b/c').hasValue()")
        assertTrue("format.dns1123LabelPrefix().validate('my-name-') == optional.none()")
        assertTrue("format.labelValue().validate('') == optional.none()")
        assertTrue("format.labelValue().validate('-x').hasValue()")
        assertTrue("format.uuid().validate('123e4567-e89b-12d3-a456-426614174000') == optional.none()")
        assertTrue("format.date().validate('2023-02-30').hasValue() && !format.date().validate('2023-02-28').hasValue()")
        assertTrue("format.datetime().validate('2023-02-28T10:00:00Z') == optional.none()")
        assertTrue("format.byte().validate('aGVsbG8=') == optional.none() && format.byte().validate('!!').hasValue()")
        assertTrue("format.uri().validate('https://a.b/c') == optional.none() && format.uri().validate('a b').hasValue()")
        assertTrue("format.named('dns1123Label').value().validate('-x').hasValue()")
        assertTrue("!format.named('noSuchFormat').hasValue()")
        assertTrue("format.dns1123Label().validate('a'.repeat(64)).value() == ['must be no more than 63 characters']"
            .replacingOccurrences(of: "'a'.repeat(64)", with: "'" + String(repeating: "a", count: 64) + "'"))
    }

    func testQuantities() {
        assertTrue("isQuantity('1.5Gi') && isQuantity('100m') && isQuantity('1e3') && isQuantity('-2')")
        assertValue("isQuantity('1.5GiB')", .bool(false))
        assertValue("isQuantity('abc')", .bool(false))
        assertTrue("quantity('1Gi').isGreaterThan(quantity('500Mi'))")
        assertTrue("quantity('500Mi').isLessThan(quantity('1Gi'))")
        assertTrue("quantity('1Gi') == quantity('1024Mi')")
        assertTrue("quantity('1k').compareTo(quantity('1000')) == 0 && quantity('1').compareTo(quantity('2')) == -1")
        assertTrue("quantity('50k').add(quantity('20k')) == quantity('70k')")
        assertTrue("quantity('50k').add(20) == quantity('50020')")
        assertTrue("quantity('50k').sub(quantity('20k')) == quantity('30k') && quantity('50k').sub(20000) == quantity('30k')")
        assertTrue("quantity('1k').asInteger() == 1000 && quantity('1Ki').asInteger() == 1024")
        assertTrue("quantity('1.5').isInteger() == false && quantity('1500m').asApproximateFloat() == 1.5")
        assertError("quantity('1.5').asInteger()", containing: "cannot convert value to integer")
        assertTrue("quantity('-3').sign() == -1 && quantity('0').sign() == 0 && quantity('2m').sign() == 1")
        assertError("quantity('x')", containing: "quantities must match")
    }

    func testRegexFind() {
        assertTrue("'abc 123'.find('[0-9]+') == '123'")
        assertTrue("'abc'.find('[0-9]+') == ''")
        assertTrue("'123 abc 456'.findAll('[0-9]+') == ['123', '456']")
        assertTrue("'123 abc 456'.findAll('[0-9]+', 1) == ['123']")
        assertTrue("'123 abc 456'.findAll('[0-9]+', -1) == ['123', '456'] && '1 2'.findAll('[0-9]', 0) == []")
        assertError("'x'.find('(')", containing: "invalid regular expression")
    }
}
