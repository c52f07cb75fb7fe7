package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/chromedp/chromedp"
)

// WCAG21AA are the axe-core tags of the WCAG 2.1 level A and AA rules.
var WCAG21AA = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

// Violation is one axe-core rule that a page breaks.
type Violation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		// Target is the CSS selector path of the element.
		Target         []any  `json:"target"`
		HTML           string `json:"html"`
		FailureSummary string `json:"failureSummary"`
	} `json:"nodes"`
}

// String describes the violation and every element that breaks it.
func (v Violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s", v.ID, v.Impact, v.Help)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n\t%v %s\n\t\t%s", n.Target, n.HTML, strings.ReplaceAll(n.FailureSummary, "\n", "\n\t\t"))
	}
	return b.String()
}

// Axe is axe-core, loaded once.
type Axe struct{ source string }

// LoadAxe reads axe.min.js.
func LoadAxe(path string) (*Axe, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return &Axe{source: string(src)}, nil
}

// Run checks the page loaded in the tab of ctx against the rules with any
// of tags and returns the violations.
func (a *Axe) Run(ctx context.Context, tags ...string) ([]Violation, error) {
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](a.source)); err != nil {
		return nil, fmt.Errorf("loading axe-core: %w", err)
	}
	opts, err := json.Marshal(map[string]any{
		"runOnly":     map[string]any{"type": "tag", "values": tags},
		"resultTypes": []string{"violations"},
	})
	if err != nil {
		return nil, err
	}
	script := `axe.run(document, ` + string(opts) + `).then(r => JSON.stringify(r.violations))`
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](script, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("running axe-core: %w", err)
	}
	var vs []Violation
	if err := json.Unmarshal([]byte(raw), &vs); err != nil {
		return nil, fmt.Errorf("reading axe-core's results: %w", err)
	}
	return vs, nil
}
