package markdown

import (
	"bytes"
	"strconv"

	"github.com/yuin/goldmark/ast"

	"github.com/alumni-site/alumni/internal/slug"
)

// headingIDs makes heading ids for one page: slug.Make of the heading's
// text, "section" when that is empty, and a suffix -1, -2, … for an id
// already in use. It implements goldmark's parser.IDs.
type headingIDs struct {
	used map[string]bool
	// next caches the next suffix to try for a base id, so a page of many
	// equal headings stays linear.
	next map[string]int
}

func newHeadingIDs() *headingIDs {
	return &headingIDs{used: make(map[string]bool), next: make(map[string]int)}
}

// Generate returns a new unique id for the heading whose source line is
// value.
func (h *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	base := slug.Make(string(headingText(value)))
	if base == "" {
		base = "section"
	}
	id := base
	for i := max(h.next[base], 1); h.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
		h.next[base] = i + 1
	}
	h.used[id] = true
	return []byte(id)
}

// Put records an id written explicitly as {#id}.
func (h *headingIDs) Put(value []byte) {
	h.used[string(value)] = true
}

// headingText drops from a heading's source line what would not be visible
// text: link destinations "(…)" after "]", and HTML tags "<…>". Emphasis
// markers and brackets need no care, since slug.Make turns them into
// hyphens.
func headingText(line []byte) []byte {
	var out []byte
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == ']' && i+1 < len(line) && line[i+1] == '(':
			depth := 0
			j := i + 1
			for ; j < len(line); j++ {
				if line[j] == '(' {
					depth++
				} else if line[j] == ')' {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			out = append(out, ' ')
			i = j
		case line[i] == '<':
			j := bytes.IndexByte(line[i:], '>')
			if j < 0 {
				out = append(out, line[i:]...)
				return out
			}
			out = append(out, ' ')
			i += j
		default:
			out = append(out, line[i])
		}
	}
	return out
}
