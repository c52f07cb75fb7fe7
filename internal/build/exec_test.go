package build

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestExecutorsAgree builds the golden sites, the example site and a
// generated site of 300 stories twice: once with the theme's templates
// compiled by templateexec, every compiled execution checked against
// html/template's (checkExec), and once with html/template alone. The two
// builds must report the same diagnostics and write the same files.
func TestExecutorsAgree(t *testing.T) {
	sites := map[string]string{"example": "../.."}
	if !testing.Short() {
		sites["generated"] = guardSite(t, 300)
	}
	golden, err := filepath.Glob("testdata/sites/*.txtar")
	if err != nil || len(golden) == 0 {
		t.Fatalf("no test sites: %v", err)
	}
	for _, file := range golden {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		unpack(t, ar, dir)
		sites[strings.TrimSuffix(filepath.Base(file), ".txtar")] = dir
	}
	for name, dir := range sites {
		t.Run(name, func(t *testing.T) {
			var outputs [2]*txtar.Archive
			var reports [2]string
			for i, only := range []bool{false, true} {
				dest := filepath.Join(t.TempDir(), "public")
				res := buildSite(t, dir, func(o *Options) {
					o.Dest = dest
					o.htmlTemplateOnly, o.checkExec = only, !only
				})
				outputs[i], reports[i] = tree(t, dest), diagnostics(res.Diagnostics)
			}
			if reports[0] != reports[1] {
				t.Fatalf("diagnostics with templateexec:\n%s\nwith html/template alone:\n%s", reports[0], reports[1])
			}
			if a, b := string(txtar.Format(outputs[0])), string(txtar.Format(outputs[1])); a != b {
				t.Fatalf("the outputs differ:\n%s", firstDifference(b, a))
			}
		})
	}
}
