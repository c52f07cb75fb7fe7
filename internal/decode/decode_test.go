package decode

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/alumni-site/alumni/internal/diag"
)

// story is shaped like the front matter of an alumni story.
type story struct {
	Title        string         `yaml:"title"`
	Date         date           `yaml:"date"`
	MobilityYear int            `yaml:"mobility_year"`
	Draft        bool           `yaml:"draft"`
	Country      string         `yaml:"country"`
	Tags         []string       `yaml:"tags"`
	Host         host           `yaml:"host"`
	Photo        *photo         `yaml:"photo"`
	Consent      consent        `yaml:"consent"`
	Params       map[string]any `yaml:"params"`
	Weight       float64        `yaml:"weight,omitempty"`
	Notes        string         // no yaml tag: never decoded
	Secret       string         `yaml:"-"`
}

type host struct {
	Name    string `yaml:"name"`
	Country string `yaml:"country"`
}

type photo struct {
	Src string `yaml:"src"`
	Alt string `yaml:"alt"`
}

type consent struct {
	Given date     `yaml:"given"`
	Scope []string `yaml:"scope"`
}

// date stands for the content package's Date: a TextUnmarshaler.
type date struct{ time.Time }

func (d *date) UnmarshalText(b []byte) error {
	for _, layout := range []string{time.DateOnly, time.RFC3339} {
		if t, err := time.Parse(layout, string(b)); err == nil {
			d.Time = t
			return nil
		}
	}
	return fmt.Errorf("expected a date as YYYY-MM-DD or RFC 3339, got %q", b)
}

// decodeFile runs a content file through Normalize, Split, Parse and Into as
// a build does, and returns the decoded story, the positions and every
// diagnostic as a line.
func decodeFile(t *testing.T, src string) (story, Positions, []string) {
	t.Helper()
	var s story
	var lines []string
	add := func(ds ...diag.Diagnostic) {
		for _, d := range ds {
			lines = append(lines, d.String())
		}
	}
	norm, err := Normalize(anna, []byte(src))
	if err != nil {
		add(err.(diag.Diagnostic))
		return s, nil, lines
	}
	doc, err := Split(anna, norm)
	if err != nil {
		add(err.(diag.Diagnostic))
		return s, nil, lines
	}
	if doc.Format == 0 {
		return s, nil, lines
	}
	n, ds := Parse(anna, doc.Format, doc.Meta, doc.MetaLine)
	add(ds...)
	pos, ds := Into(anna, n, &s)
	add(ds...)
	return s, pos, lines
}

// TestDiagnostics checks the exact message and file position of each
// problem an editor can make, in all three formats.
func TestDiagnostics(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{
			name: "YAML line without a colon",
			src:  "---\ntitle: Anna\n\nyear 2020\n---\n",
			want: []string{anna + `:4:1: expected "key: value", found a line without ":"`},
		},
		{
			name: "YAML list not closed",
			src:  "---\ntitle: Anna\ntags: [erasmus, poland\ncountry: PL\n---\n",
			want: []string{anna + `:4:8: expected "," or "]": the list opened at line 3, column 7 is not closed`},
		},
		{
			name: "YAML list not closed on the last line",
			src:  "---\ntitle: Anna\ntags: [erasmus, poland\n---\n",
			want: []string{anna + `:4:1: expected "," or "]": the list opened at line 3, column 7 is not closed`},
		},
		{
			name: "YAML map not closed",
			src:  "---\nhost: {name: UW\ntitle: Anna\n---\n",
			want: []string{anna + `:3:6: expected "," or "}": the map opened at line 2, column 7 is not closed`},
		},
		{
			name: "YAML quote not closed",
			src:  "---\ntitle: \"Anna\ncountry: PL\n---\n",
			want: []string{anna + `:4:1: the quoted text opened at line 2, column 8 is not closed`},
		},
		{
			name: "YAML colon inside text",
			src:  "---\ntitle: Anna: a year in Łódź\n---\n",
			want: []string{anna + `:2:12: unexpected ":"; put text containing ": " in quotes, or check the indentation`},
		},
		{
			name: "YAML tab indentation",
			src:  "---\nhost:\n\tname: UW\n---\n",
			want: []string{anna + `:3:1: a tab cannot indent YAML; use spaces`},
		},
		{
			name: "YAML value starting with @",
			src:  "---\ntitle: @anna\n---\n",
			want: []string{anna + `:2:8: "@" cannot start a value; put the value in quotes`},
		},
		{
			name: "YAML unknown keys",
			src:  "---\ntitel: Anna\nmobilty_year: 2020\nTags: [a]\nfoo: bar\nhost:\n  contry: PL\n---\n",
			want: []string{
				anna + `:2:1: warning: unknown key "titel" (did you mean "title"?)`,
				anna + `:3:1: warning: unknown key "mobilty_year" (did you mean "mobility_year"?)`,
				anna + `:4:1: warning: unknown key "Tags" (did you mean "tags"?)`,
				anna + `:5:1: warning: unknown key "foo"`,
				anna + `:7:3: warning: unknown key "contry" (did you mean "country"?)`,
			},
		},
		{
			name: "YAML repeated key",
			src:  "---\ntitle: Anna\ncountry: PL\n\ntitle: Anna K.\n---\n",
			want: []string{anna + `:5:1: key "title" repeated (first at line 2)`},
		},
		{
			name: "YAML repeated nested key",
			src:  "---\nhost:\n  name: UW\n  name: UJ\n---\n",
			want: []string{anna + `:4:3: key "name" repeated (first at line 3)`},
		},
		{
			name: "YAML wrong types",
			src: "---\nmobility_year: twenty\ndraft: yes\ndate: 31.12.2024\ntags: erasmus\nhost: Warsaw\n" +
				"title: [a, b]\nweight: heavy\nphoto: text\nconsent:\n  scope: web\n---\n",
			want: []string{
				anna + `:2:16: mobility_year: expected a whole number, got "twenty"`,
				anna + `:3:8: draft: expected true or false, got "yes"`,
				anna + `:4:7: date: expected a date as YYYY-MM-DD or RFC 3339, got "31.12.2024"`,
				anna + `:5:7: tags: expected a list, got text`,
				anna + `:6:7: host: expected a map, got text`,
				anna + `:7:8: title: expected text, got a list`,
				anna + `:8:9: weight: expected a number, got "heavy"`,
				anna + `:9:8: photo: expected a map, got text`,
				anna + `:11:10: consent.scope: expected a list, got text`,
			},
		},
		{
			name: "YAML quoted values of another type",
			src:  "---\ndraft: \"true\"\nmobility_year: '2020'\nweight: \"1.5\"\n---\n",
			want: []string{
				anna + `:2:8: draft: expected true or false, got "true" (remove the quotes)`,
				anna + `:3:16: mobility_year: expected a whole number, got "2020" (remove the quotes)`,
				anna + `:4:9: weight: expected a number, got "1.5" (remove the quotes)`,
			},
		},
		{
			name: "YAML 1.1 booleans are text",
			src:  "---\ndraft: on\ntags: [yes, no]\n---\n",
			want: []string{anna + `:2:8: draft: expected true or false, got "on"`},
		},
		{
			name: "YAML list item of the wrong type",
			src:  "---\ntags:\n  - erasmus\n  - {name: x}\n  - 2020\n---\n",
			want: []string{anna + `:4:5: tags.1: expected text, got a map`},
		},
		{
			name: "YAML number out of range",
			src:  "---\nmobility_year: 99999999999999999999\n---\n",
			want: []string{anna + `:2:16: mobility_year: 99999999999999999999 is out of range (expected a whole number between -9223372036854775808 and 9223372036854775807)`},
		},
		{
			name: "YAML anchors, aliases and merge keys",
			src:  "---\nhost: &uw\n  name: UW\nparams:\n  second: *uw\n  <<: {x: 1}\n---\n",
			want: []string{
				anna + `:2:7: anchors (&uw) are not supported; write the value out in full`,
				anna + `:5:11: aliases (*uw) are not supported; write the value out in full`,
				anna + `:6:3: merge keys (<<) are not supported; write the keys out in full`,
			},
		},
		{
			name: "YAML custom tag",
			src:  "---\ntitle: !upper anna\n---\n",
			want: []string{anna + `:2:8: YAML tag "!upper" is not supported`},
		},
		{
			name: "YAML second document",
			src:  "---\ntitle: Anna\n...\ntitle: Bob\n---\n",
			want: []string{anna + `:4:1: a second YAML document starts here; only one is allowed`},
		},
		{
			name: "TOML line without an equals sign",
			src:  "+++\ntitle = \"Anna\"\n\nyear 2020\n+++\n",
			want: []string{anna + `:4:6: expected "=" after the key`},
		},
		{
			name: "TOML list not closed",
			src:  "+++\ntags = [\"erasmus\", \"poland\"\ncountry = \"PL\"\n+++\n",
			want: []string{anna + `:3:1: expected "," or "]" to continue or close the list`},
		},
		{
			name: "TOML text without quotes",
			src:  "+++\ntitle = Anna\n+++\n",
			want: []string{anna + `:2:9: expected a value; text must be in quotes`},
		},
		{
			name: "TOML unknown key and repeated keys",
			src:  "+++\ntitel = \"Anna\"\ncountry = \"PL\"\ncountry = \"NO\"\n[host]\nname = \"UW\"\n[host]\nname = \"UJ\"\n+++\n",
			want: []string{
				anna + `:4:1: key "country" repeated (first at line 3)`,
				anna + `:7:2: key "host" repeated (first at line 5)`,
				anna + `:2:1: warning: unknown key "titel" (did you mean "title"?)`,
			},
		},
		{
			name: "TOML wrong types",
			src:  "+++\nmobility_year = \"twenty\"\ndraft = \"yes\"\ndate = 2024-12-31T25:00:00Z\ntags = \"erasmus\"\n[consent]\nscope = [\"web\", 1]\n+++\n",
			want: []string{
				anna + `:4:8: invalid date or time "2024-12-31T25:00:00Z"`,
				anna + `:2:17: mobility_year: expected a whole number, got "twenty"`,
				anna + `:3:9: draft: expected true or false, got "yes"`,
				anna + `:4:8: date: expected a date as YYYY-MM-DD or RFC 3339, got "2024-12-31T25:00:00Z"`,
				anna + `:5:8: tags: expected a list, got text`,
			},
		},
		{
			name: "JSON missing comma",
			src:  "{\n  \"title\": \"Anna\"\n  \"country\": \"PL\"\n}\n\n",
			want: []string{anna + `:3:3: expected "," or "}" after the value`},
		},
		{
			name: "JSON trailing comma",
			src:  "{\n  \"tags\": [\"erasmus\",],\n  \"title\": \"Anna\"\n}\n\n",
			want: []string{anna + `:2:22: expected a value, found "]"`},
		},
		{
			name: "JSON unknown key, repeated key and wrong types",
			src:  "{\n  \"titel\": \"Anna\",\n  \"draft\": \"yes\",\n  \"mobility_year\": 2020.5,\n  \"draft\": false\n}\n\n",
			want: []string{
				anna + `:5:3: key "draft" repeated (first at line 3)`,
				anna + `:2:3: warning: unknown key "titel" (did you mean "title"?)`,
				anna + `:3:12: draft: expected true or false, got "yes"`,
				anna + `:4:20: mobility_year: expected a whole number, got "2020.5"`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, got := decodeFile(t, tt.src)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestLineEndingsDecodeAlike checks that a byte order mark and CRLF change
// neither the values nor the positions.
func TestLineEndingsDecodeAlike(t *testing.T) {
	lf := "---\ntitle: Anna\ntags: [a, b]\ndraft: maybe\n---\nBody\n"
	wantStory, wantPos, wantDs := decodeFile(t, lf)
	crlf := "\uFEFF" + strings.ReplaceAll(lf, "\n", "\r\n")
	gotStory, gotPos, gotDs := decodeFile(t, crlf)
	if !reflect.DeepEqual(gotStory, wantStory) || !reflect.DeepEqual(gotPos, wantPos) || !reflect.DeepEqual(gotDs, wantDs) {
		t.Errorf("CRLF with a byte order mark decodes as\n%+v %v %v\nwant\n%+v %v %v", gotStory, gotPos, gotDs, wantStory, wantPos, wantDs)
	}
	if len(wantDs) != 1 || wantDs[0] != anna+`:4:8: draft: expected true or false, got "maybe"` {
		t.Errorf("diagnostics = %q", wantDs)
	}
}

func TestEmptyFrontMatter(t *testing.T) {
	for _, src := range []string{"---\n---\n", "---\n# nothing yet\n---\nBody\n", "+++\n+++\n", "{\n}\n\n"} {
		got, _, ds := decodeFile(t, src)
		if len(ds) > 0 || !reflect.DeepEqual(got, story{}) {
			t.Errorf("%q decodes to %+v with %q, want the zero story without diagnostics", src, got, ds)
		}
	}
}

func TestNoFrontMatterIsNotDecoded(t *testing.T) {
	got, pos, ds := decodeFile(t, "# Anna\n\ntitle: x\n")
	if len(ds) > 0 || pos != nil || !reflect.DeepEqual(got, story{}) {
		t.Errorf("got %+v %v %q", got, pos, ds)
	}
}
