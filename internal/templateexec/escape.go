package templateexec

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"strings"
)

// escaper is one of the functions html/template inserts into printing
// actions, by the name it gives them there.
type escaper int

const (
	htmlEscaper   escaper = iota // HTML text
	attrEscaper                  // a quoted attribute value
	rcdataEscaper                // RCDATA: <title>, <textarea>
	urlFilter                    // a URL's start: refuses unsafe schemes
	urlNormalizer                // a URL: percent-encodes what is not URL text
	urlEscaper                   // a URL's query: percent-encodes reserved characters too
	jsValEscaper                 // a value in a script (here: JSON-LD)
)

// escapers maps html/template's names of the escapers to them.
var escapers = map[string]escaper{
	"_html_template_htmlescaper":   htmlEscaper,
	"_html_template_attrescaper":   attrEscaper,
	"_html_template_rcdataescaper": rcdataEscaper,
	"_html_template_urlfilter":     urlFilter,
	"_html_template_urlnormalizer": urlNormalizer,
	"_html_template_urlescaper":    urlEscaper,
	"_html_template_jsvalescaper":  jsValEscaper,
}

// content is the kind of text a value is: plain text, or one of
// html/template's typed strings.
type content int

const (
	plainText content = iota
	htmlContent
	urlContent
	jsContent
	otherContent // CSS, HTMLAttr, JSStr, Srcset: left to html/template
)

var (
	htmlType   = reflect.TypeFor[template.HTML]()
	urlType    = reflect.TypeFor[template.URL]()
	jsType     = reflect.TypeFor[template.JS]()
	cssType    = reflect.TypeFor[template.CSS]()
	attrType   = reflect.TypeFor[template.HTMLAttr]()
	jsStrType  = reflect.TypeFor[template.JSStr]()
	srcsetType = reflect.TypeFor[template.Srcset]()

	errorType    = reflect.TypeFor[error]()
	stringerType = reflect.TypeFor[fmt.Stringer]()
)

// errTyped reports a typed string that an escaper would treat in a way
// this package leaves to html/template.
var errTyped = fmt.Errorf("%w: a typed string this package does not escape", ErrFallback)

// stringify returns the text of an escaper's arguments and its content
// kind, as html/template does: one argument of a string type (through any
// pointers) keeps its type; anything else is printed with fmt.Sprint,
// untyped nils left out, each value first dereferenced down to a Stringer,
// an error or a non-pointer.
func stringify(args []reflect.Value) (string, content) {
	if len(args) == 1 {
		v := dynamic(args[0])
		for v.Kind() == reflect.Pointer && !v.IsNil() {
			v = v.Elem()
		}
		if v.Kind() == reflect.String {
			switch v.Type() {
			case stringType:
				return v.String(), plainText
			case htmlType:
				return v.String(), htmlContent
			case urlType:
				return v.String(), urlContent
			case jsType:
				return v.String(), jsContent
			case cssType, attrType, jsStrType, srcsetType:
				return v.String(), otherContent
			}
		}
	}
	parts := make([]any, 0, len(args))
	for _, a := range args {
		a = dynamic(a)
		if !a.IsValid() || a.Kind() == reflect.Interface {
			continue // an untyped nil
		}
		for !a.Type().Implements(stringerType) && !a.Type().Implements(errorType) && a.Kind() == reflect.Pointer && !a.IsNil() {
			a = a.Elem()
		}
		parts = append(parts, a.Interface())
	}
	return fmt.Sprint(parts...), plainText
}

var stringType = reflect.TypeFor[string]()

// dynamic returns the value inside an interface value, and any other
// value as it is; a nil interface stays one.
func dynamic(v reflect.Value) reflect.Value {
	if v.Kind() == reflect.Interface && !v.IsNil() {
		return v.Elem()
	}
	return v
}

// escape applies a chain of escapers to the arguments of the first: the
// first sees the arguments' content kind, the others the plain text the
// one before returned.
func escape(chain []escaper, args []reflect.Value) (string, error) {
	s, kind := stringify(args)
	return escapeText(chain, s, kind)
}

// escapeText applies a chain of escapers to text of a content kind.
func escapeText(chain []escaper, s string, kind content) (string, error) {
	for i, e := range chain {
		if i > 0 {
			kind = plainText
		}
		var err error
		if s, err = e.apply(s, kind); err != nil {
			return "", err
		}
	}
	return s, nil
}

// apply escapes s, of content kind, as html/template's escaper e does.
func (e escaper) apply(s string, kind content) (string, error) {
	if kind == otherContent {
		return "", errTyped
	}
	switch e {
	case htmlEscaper:
		if kind == htmlContent {
			return s, nil
		}
		return replaceHTML(s, true), nil
	case attrEscaper:
		if kind == htmlContent {
			return "", errTyped // html/template strips the tags first
		}
		return replaceHTML(s, true), nil
	case rcdataEscaper:
		return replaceHTML(s, kind != htmlContent), nil
	case urlFilter:
		if kind == urlContent || safeScheme(s) {
			return s, nil
		}
		return "#ZgotmplZ", nil
	case urlNormalizer:
		return encodeURL(s, true), nil
	case urlEscaper:
		return encodeURL(s, kind == urlContent), nil
	case jsValEscaper:
		if kind == jsContent {
			return s, nil
		}
		return "", errTyped
	}
	return "", errors.New("unknown escaper")
}

// replaceHTML escapes the characters that are special in HTML text and
// quoted attribute values: NUL becomes U+FFFD and " & ' + < > numeric or
// named references; with amp false, & is kept (for typed HTML in RCDATA,
// whose references are already written).
func replaceHTML(s string, amp bool) string {
	var b strings.Builder
	done := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			if !amp {
				continue
			}
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		if done == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[done:i])
		b.WriteString(repl)
		done = i + 1
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// safeScheme reports whether a URL has no scheme or one of http, https and
// mailto: a colon before any slash starts a scheme.
func safeScheme(s string) bool {
	scheme, _, ok := strings.Cut(s, ":")
	if !ok || strings.Contains(scheme, "/") {
		return true
	}
	return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
}

// encodeURL percent-encodes, in lower-case hex, every byte of s that is
// neither a letter, a digit nor one of -._~; when it normalizes (norm), it
// keeps the reserved characters !#$&*+,/:;=?@[] and every % that starts an
// escape.
func encodeURL(s string, norm bool) string {
	var b bytes.Buffer
	done := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case c == '-' || c == '.' || c == '_' || c == '~':
			continue
		case norm && strings.IndexByte("!#$&*+,/:;=?@[]", c) >= 0:
			continue
		case norm && c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue
		}
		if done == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[done:i])
		const hex = "0123456789abcdef"
		b.Write([]byte{'%', hex[c>>4], hex[c&15]})
		done = i + 1
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
