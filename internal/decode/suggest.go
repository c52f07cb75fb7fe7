package decode

import (
	"strings"

	"github.com/alumni-site/alumni/internal/diag"
)

// unknown warns about a key that names no field, suggesting a close one.
func (d *decoder) unknown(e Entry, fields map[string][]int) {
	if guess := closest(e.Key, fields); guess != "" {
		d.diags = append(d.diags, diag.Warnf(d.path, e.KeyPos, "unknown key %q (did you mean %q?)", e.Key, guess))
		return
	}
	d.diags = append(d.diags, diag.Warnf(d.path, e.KeyPos, "unknown key %q", e.Key))
}

// closest returns the known key nearest to key when it is near enough to
// be a likely typo, or "". Case is ignored and a swap of two neighbouring
// letters counts as one edit. A key of up to five letters may be one edit
// away, a longer one two.
func closest(key string, known map[string][]int) string {
	best, bestDist := "", 0
	limit := 1
	if len([]rune(key)) > 5 {
		limit = 2
	}
	for name := range known {
		dist := editDistance(strings.ToLower(key), strings.ToLower(name))
		if dist > limit {
			continue
		}
		if best == "" || dist < bestDist || (dist == bestDist && name < best) {
			best, bestDist = name, dist
		}
	}
	return best
}

// editDistance counts the insertions, deletions, substitutions and swaps
// of neighbouring characters that turn a into b (optimal string alignment).
func editDistance(a, b string) int {
	s, t := []rune(a), []rune(b)
	// rows[k] holds the distances for s[:i-2+k] against every prefix of t.
	rows := [3][]int{make([]int, len(t)+1), make([]int, len(t)+1), make([]int, len(t)+1)}
	for j := range rows[2] {
		rows[2][j] = j
	}
	for i := 1; i <= len(s); i++ {
		rows[0], rows[1], rows[2] = rows[1], rows[2], rows[0]
		cur, prev, prev2 := rows[2], rows[1], rows[0]
		cur[0] = i
		for j := 1; j <= len(t); j++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
	}
	return rows[2][len(t)]
}
