package watch

import "testing"

func TestIsTemp(t *testing.T) {
	for name, want := range map[string]bool{
		"x.md":                     false,
		"_index.pl.md":             false,
		"photo.JPG":                false,
		"2024":                     false,
		"4912":                     false,
		"5000":                     false,
		"04913":                    false,
		"+4913":                    false,
		"security.txt":             false,
		"x.swf":                    false,
		"4913":                     true,
		"5036":                     true,
		"5159":                     true,
		".x.md.swp":                true,
		".x.md.swx":                true,
		"x.md.swp":                 true,
		"x.md.swo":                 true,
		"x.md~":                    true,
		".#x.md":                   true,
		"#x.md#":                   true,
		"#":                        false,
		".goutputstream-ABC123":    true,
		"x.md.tmp":                 true,
		"x.md.TMP":                 true,
		"x.md.vsctmp":              true,
		"x.md___jb_tmp___":         true,
		"x.md___jb_old___":         true,
		".htaccess":                true,
		".DS_Store":                true,
		"report.tmp.md":            false,
		"notes___jb_tmp___.md.bak": false,
	} {
		if got := isTemp(name); got != want {
			t.Errorf("isTemp(%q) = %v, want %v", name, got, want)
		}
	}
}
