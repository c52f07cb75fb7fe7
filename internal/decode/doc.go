// Package decode turns front matter and configuration files (YAML, TOML,
// JSON) into typed Go values, strictly, and gives every problem a file
// position an editor can jump to.
//
// Content files go through Normalize, Split, Parse and Into; site.yaml goes
// through Normalize, Parse (with firstLine 1) and Into.
//
// # Text
//
// Normalize strips a leading UTF-8 byte order mark, turns CRLF and lone CR
// line endings into LF, and refuses text that is not valid UTF-8 with
//
//	path:line:col: invalid UTF-8 (byte 0xff)
//
// A file saved with a byte order mark or Windows line endings therefore
// decodes exactly like the same file saved with LF and no mark. Lines and
// columns are those of the normalised text, which are the ones an editor
// shows; columns count characters, not bytes.
//
// # Front matter
//
// Split finds the front matter at the start of a content file. Blank lines
// may come before it. Three forms are recognised:
//
//	---             YAML, up to the next line holding only ---
//	+++             TOML, up to the next line holding only +++
//	{               JSON: the object, whose opening { and closing } stand on
//	                lines of their own, followed by an empty line
//
// Delimiter lines may carry spaces around them. Document.Meta holds the text
// between the delimiters (for JSON, the object with its braces) and
// Document.MetaLine its first line in the file, so that positions found in
// Meta are file positions. A file whose first line that is not blank is none
// of the openings has no front matter: Format is 0 and Body is the whole file.
//
// An opening delimiter that is never closed is an error rather than a page
// whose body starts with YAML:
//
//	path:1:1: front matter not closed (opened at line 1)
//
// # Formats
//
// Parse reads one document into a tree of Nodes: maps (with their entries in
// document order), lists, scalars and nulls, each with its position.
//
// YAML is read as YAML 1.2 with the core schema: true, True, TRUE, false,
// False and FALSE are booleans; yes, no, on, off, y and n are text, and so is
// NO (Norway); 2020 is a whole number and "2020" is text; a date such as
// 2024-05-01 is text, for a date type to parse. Anchors (&name), aliases
// (*name) and merge keys (<<) are refused, since an alias can make a small
// file expand to gigabytes; so are tags other than the core ones and a
// second document in the same text. Nothing, or only comments, is a null
// document, which decodes to nothing.
//
// TOML is read as TOML 1.1, as go-toml parses it. A date or time becomes text in RFC 3339 form:
// 1979-05-27 07:32:00Z becomes "1979-05-27T07:32:00Z", a local date stays
// "1979-05-27". Whole numbers are written in decimal (0xff becomes "255").
//
// JSON is read as RFC 8259; numbers keep their literal text. Unlike
// encoding/json, a key repeated in one object is an error.
//
// In every format a key repeated in one map is an error at the second key
// that names the line of the first:
//
//	path:5:1: key "title" repeated (first at line 3)
//
// Syntax errors point where the editor must look: for a YAML line that is
// missing its colon (year 2020) the start of that line; for a list or a map
// whose [ or { is never closed, the place where the parser gave up, with the
// line and column of the opening bracket in the message. Maps and lists
// nested more than 100 levels deep are refused.
//
// # Decoding
//
// Into decodes a Node into a Go value, usually a pointer to a struct, and
// reports every problem it finds rather than the first. Struct fields are
// matched by the name in their yaml tag (`yaml:"title"`; options after a
// comma are ignored). Fields without a yaml tag, with an empty name or
// tagged `yaml:"-"` are never decoded, except that an embedded struct tagged
// `yaml:",inline"` contributes its fields as if they were written in the
// outer struct. A null value (photo: with nothing
// after it) leaves the field as it was: its zero value, or a default the
// caller set before. Each Go type accepts:
//
//	string                  any scalar, as its literal text: country: NO is
//	                        "NO", title: 2020 is "2020"
//	bool                    only true or false; yes, no, on, off and the
//	                        quoted "true" are errors
//	int, int8 … uint64      a whole number within the type's range; 0x, 0o
//	                        and 0b prefixes and underscores are accepted
//	float32, float64        a whole number or a number with a fraction
//	encoding.TextUnmarshaler
//	                        any scalar, whose text goes to UnmarshalText (the
//	                        method is looked up on the pointer)
//	[]T                     a list; the slice is replaced
//	map[string]T            a map; its entries are added to the Go map
//	struct, *struct         a map
//	pointers                the value they point to, allocated when nil
//	any, map[string]any     plain values: string, int, float64, bool, []any,
//	                        map[string]any, and nil for a null value
//
// A key that names no field is a warning at the key, with a suggestion when
// a field name of that level is one typing mistake away (two for names longer
// than five letters; a swap of neighbouring letters counts as one):
//
//	path:4:1: warning: unknown key "titel" (did you mean "title"?)
//	path:9:1: warning: unknown key "foo"
//
// # Messages
//
// Errors from Into name the dotted key path (tags.2, host.country) and say
// what was expected and what was found, at the value's position:
//
//	path:3:16: mobility_year: expected a whole number, got "twenty"
//	path:4:8: draft: expected true or false, got "yes"
//	path:5:7: tags: expected a list, got text
//	path:6:7: date: expected a date as YYYY-MM-DD or RFC 3339, got "31.12.2024"
//
// The last line comes from a TextUnmarshaler: its error text follows the key
// path as it is. Into also returns Positions, the position of every value it
// decoded by its dotted key path, so that a caller validating the decoded
// struct (title is required, the date is in the future) can point at the
// value too.
package decode
