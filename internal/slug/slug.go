// Package slug turns names into the URL path segments alumni writes, and
// checks the ones editors write themselves.
//
// # Making a slug
//
// Make is used for file and folder names, heading ids and tags. It brings the
// text to Unicode NFC, lowers its case and reduces it to the letters a–z, the
// digits 0–9 and single hyphens:
//
//   - Polish letters are transliterated: ą→a, ć→c, ę→e, ł→l, ń→n, ó→o, ś→s,
//     ź→z, ż→z, and the same for upper case. Most of them come out of the
//     general rule below; ł is listed explicitly because it has no Unicode
//     decomposition.
//   - Other Latin letters lose their diacritics (NFD, then combining marks are
//     dropped), and ß→ss, æ→ae, ø→o, œ→oe, đ→d, ð→d, þ→th.
//   - Any other run of characters (spaces, punctuation, letters of other
//     scripts, emoji) becomes a single "-". There is no leading or trailing
//     "-", so the result may be empty.
//
// "Życie w Łodzi" becomes "zycie-w-lodzi" and "Kraków 2023!" becomes
// "krakow-2023". Make may return a Windows device name such as "con"; a
// caller that uses the result as a file name should pass it to Check too.
//
// # Checking a slug
//
// An explicit slug from front matter is used as it is written, so Check
// accepts only what Make could have produced: it must match
// ^[a-z0-9]+(-[a-z0-9]+)*$, be at most MaxLen bytes long and must not be a
// Windows device name (con, prn, aux, nul, com0–com9, lpt0–lpt9). This rules
// out "..", "%2e%2e", slashes, backslashes, drive letters, NUL bytes and
// trailing dots, so a slug can never name a path outside its folder.
package slug

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// MaxLen is the longest slug Check accepts, in bytes. It keeps a file name
// built from a slug well below the 255-byte limit of common file systems.
const MaxLen = 200

// special maps letters that do not decompose into a base letter and marks.
var special = map[rune]string{
	'ł': "l",
	'ß': "ss",
	'ẞ': "ss",
	'æ': "ae",
	'ø': "o",
	'œ': "oe",
	'đ': "d",
	'ð': "d",
	'þ': "th",
	'ı': "i",
}

// Make turns a file or folder name, a heading or a tag into a slug as the
// package documentation describes. It may return "".
func Make(s string) string {
	var b strings.Builder
	pendingHyphen := false
	emit := func(ascii string) {
		if pendingHyphen && b.Len() > 0 {
			b.WriteByte('-')
		}
		pendingHyphen = false
		b.WriteString(ascii)
	}
	for _, r := range norm.NFC.String(s) {
		r = unicode.ToLower(r)
		if unicode.Is(unicode.Mn, r) {
			// A combining mark that NFC could not join to its letter.
			continue
		}
		if ascii, ok := latin(r); ok {
			emit(ascii)
			continue
		}
		pendingHyphen = true
	}
	return b.String()
}

// latin returns the ASCII letters and digits that stand for the lower-case
// rune r, or false if r is not a letter or digit that has a Latin spelling.
func latin(r rune) (string, bool) {
	switch {
	case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
		return string(r), true
	case r < 0x80:
		return "", false
	}
	if s, ok := special[r]; ok {
		return s, true
	}
	var b strings.Builder
	for _, d := range norm.NFD.String(string(r)) {
		switch {
		case 'a' <= d && d <= 'z', '0' <= d && d <= '9':
			b.WriteRune(d)
		case unicode.Is(unicode.Mn, d):
			// A combining mark such as the ogonek of ą or the acute of ó.
		default:
			return "", false
		}
	}
	return b.String(), b.Len() > 0
}

// Check reports why s is not acceptable as an explicit slug, or returns nil.
// The error text is written for editors.
func Check(s string) error {
	if !wellFormed(s) {
		return fmt.Errorf("invalid slug %q: use lower-case letters, digits and single hyphens", s)
	}
	if len(s) > MaxLen {
		return fmt.Errorf("invalid slug %q: longer than %d characters", s, MaxLen)
	}
	if IsDeviceName(s) {
		return fmt.Errorf("invalid slug %q: %s is a reserved device name on Windows", s, s)
	}
	return nil
}

// wellFormed reports whether s matches ^[a-z0-9]+(-[a-z0-9]+)*$.
func wellFormed(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// IsDeviceName reports whether s, in lower case and without extension, is a
// name Windows reserves for a device (con, prn, aux, nul, com0-9, lpt0-9).
func IsDeviceName(s string) bool {
	switch s {
	case "con", "prn", "aux", "nul":
		return true
	}
	if len(s) == 4 && (strings.HasPrefix(s, "com") || strings.HasPrefix(s, "lpt")) {
		return '0' <= s[3] && s[3] <= '9'
	}
	return false
}
