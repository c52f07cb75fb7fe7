package markdown

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// maxCost bounds the estimated work of parsing one page, in units of about
// a nanosecond of goldmark's time on a current machine: half a second.
const maxCost = 500_000_000

// checkComplexity estimates how long goldmark will take on src and, if the
// estimate exceeds maxCost, returns an error message and the offset of the
// worst part; otherwise it returns "".
//
// goldmark is linear on ordinary text, but a few inputs make it quadratic:
// many emphasis markers that never match in one paragraph ("*a_" repeated),
// many link openings "](" on one long line ("[a](" repeated, where each
// destination is scanned to the end of the line), and many "]" in a
// paragraph of many lines (each link text is gathered from the paragraph's
// first line on), and blocks nested very deeply on one line (">>>>…" or
// "1. 1. 1. …", where each level costs time in proportion to the depth). A page cannot be
// cancelled once goldmark runs, so such pages are refused up front; the
// estimate counts these two costs and is far above anything an editor
// writes by hand.
func checkComplexity(src []byte) (msg string, at int) {
	var total int
	var worst costly
	add := func(c costly) {
		total += c.cost
		if c.cost > worst.cost {
			worst = c
		}
	}
	// Emphasis markers and brackets are counted per run of lines between
	// blank lines, which is at least as large as a paragraph.
	markers, brackets, lines, chunkAt, blank := 0, 0, 0, 0, true
	flush := func() {
		add(costly{cost: markers * markers, at: chunkAt, kind: manyMarkers, n: markers})
		add(costly{cost: brackets * lines, at: chunkAt, kind: manyBrackets, n: brackets, m: lines})
		markers, brackets, lines = 0, 0, 0
	}
	for off := 0; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off + 1
		}
		line := src[off:end]
		if len(bytes.TrimSpace(line)) == 0 {
			flush()
			blank = true
		} else {
			if blank {
				chunkAt, blank = off, false
			}
			if d := nesting(line); d > 1 {
				add(costly{cost: d * d, at: off, kind: deepNesting, n: d})
			}
			lines++
			for _, c := range line {
				switch c {
				case '*', '_', '~':
					markers++
				case ']':
					brackets++
				}
			}
			if k := bytes.Count(line, []byte("](")); k > 0 {
				add(costly{cost: k * len(line), at: off, kind: manyLinkOpenings, n: k, m: utf8.RuneCount(line)})
			}
		}
		off = end
	}
	flush()
	if total <= maxCost {
		return "", 0
	}
	return worst.message(), worst.at
}

// costly is one part of a page that costs goldmark time out of proportion
// to its length: its estimated cost, its offset, what it is and its
// counts. The message is only written for a page that is refused.
type costly struct {
	cost, at int
	kind     costlyKind
	n, m     int
}

type costlyKind int

const (
	manyMarkers      costlyKind = iota // n emphasis markers in a paragraph
	manyBrackets                       // n "]" on m lines of a paragraph
	deepNesting                        // n quotes or lists opened on a line
	manyLinkOpenings                   // n "](" on a line of m characters
)

func (c costly) message() string {
	switch c.kind {
	case manyMarkers:
		return fmt.Sprintf(`too many "*", "_" or "~" in one paragraph (%d) for the Markdown renderer; split the paragraph`, c.n)
	case manyBrackets:
		return fmt.Sprintf(`too many links in one paragraph (%d "]" on %d lines) for the Markdown renderer; split the paragraph`, c.n, c.m)
	case deepNesting:
		return fmt.Sprintf(`too deeply nested (%d quotes or lists on one line) for the Markdown renderer`, c.n)
	default:
		return fmt.Sprintf(`too many links on one line (%d "](" in %d characters) for the Markdown renderer; split the line`, c.n, c.m)
	}
}

// nesting returns how many block quote and list markers open line.
func nesting(line []byte) int {
	depth := 0
	for i := 0; ; {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			if line[i] == '\t' {
				// A tab inside nested blocks is expanded level by level,
				// which costs about as much as another level.
				depth++
			}
			i++
		}
		if i == len(line) {
			return depth
		}
		switch c := line[i]; {
		case c == '>':
			i++
		case (c == '-' || c == '+' || c == '*') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
			i += 2
		case '0' <= c && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && '0' <= line[j] && line[j] <= '9' {
				j++
			}
			if j+1 >= len(line) || (line[j] != '.' && line[j] != ')') || (line[j+1] != ' ' && line[j+1] != '\t') {
				return depth
			}
			i = j + 2
		default:
			return depth
		}
		depth++
	}
}
