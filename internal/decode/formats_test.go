package decode

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestSameStoryInEveryFormat decodes one story written in each format and
// checks the values and the position of every value.
func TestSameStoryInEveryFormat(t *testing.T) {
	yamlSrc := `---
title: "Anna in Łódź"
date: 2024-05-01
mobility_year: 2020
draft: false
country: NO
tags: [erasmus, poland]
host:
  name: University of Łódź
  country: PL
photo:
  src: anna.jpg
  alt: Anna on the Piotrkowska
consent:
  given: 2024-04-01
  scope:
    - web
    - print
params:
  color: blue
  size: 3
  ratio: 1.5
  shown: true
  nothing:
  list: [a, 2]
---

Body.
`
	tomlSrc := `+++
title = "Anna in Łódź"
date = 2024-05-01
mobility_year = 2020
draft = false
country = "NO"
tags = ["erasmus", "poland"]

[host]
name = "University of Łódź"
country = "PL"

[photo]
src = "anna.jpg"
alt = "Anna on the Piotrkowska"

[consent]
given = 2024-04-01
scope = [
  "web",
  "print",
]

[params]
color = "blue"
size = 3
ratio = 1.5
shown = true
list = ["a", 2]
+++

Body.
`
	jsonSrc := `{
  "title": "Anna in Łódź",
  "date": "2024-05-01",
  "mobility_year": 2020,
  "draft": false,
  "country": "NO",
  "tags": ["erasmus", "poland"],
  "host": {"name": "University of Łódź", "country": "PL"},
  "photo": {"src": "anna.jpg", "alt": "Anna on the Piotrkowska"},
  "consent": {
    "given": "2024-04-01",
    "scope": ["web", "print"]
  },
  "params": {"color": "blue", "size": 3, "ratio": 1.5, "shown": true, "nothing": null, "list": ["a", 2]}
}

Body.
`
	want := story{
		Title:        "Anna in Łódź",
		Date:         date{time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)},
		MobilityYear: 2020,
		Country:      "NO",
		Tags:         []string{"erasmus", "poland"},
		Host:         host{Name: "University of Łódź", Country: "PL"},
		Photo:        &photo{Src: "anna.jpg", Alt: "Anna on the Piotrkowska"},
		Consent:      consent{Given: date{time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)}, Scope: []string{"web", "print"}},
		Params: map[string]any{
			"color": "blue", "size": 3, "ratio": 1.5, "shown": true, "nothing": nil, "list": []any{"a", 2},
		},
	}
	tests := []struct {
		name string
		src  string
		pos  map[string]string // key path -> line:col
	}{
		{"YAML", yamlSrc, map[string]string{
			"": "2:1", "title": "2:8", "date": "3:7", "mobility_year": "4:16", "draft": "5:8", "country": "6:10",
			"tags": "7:7", "tags.0": "7:8", "tags.1": "7:17", "host": "9:3", "host.name": "9:9", "host.country": "10:12",
			"photo": "12:3", "photo.src": "12:8", "photo.alt": "13:8",
			"consent": "15:3", "consent.given": "15:10", "consent.scope": "17:5", "consent.scope.0": "17:7", "consent.scope.1": "18:7",
			"params": "20:3", "params.color": "20:10", "params.size": "21:9", "params.ratio": "22:10", "params.shown": "23:10",
			"params.nothing": "24:11", "params.list": "25:9", "params.list.0": "25:10", "params.list.1": "25:13",
		}},
		{"TOML", tomlSrc, map[string]string{
			"": "2:1", "title": "2:9", "date": "3:8", "mobility_year": "4:17", "draft": "5:9", "country": "6:11",
			"tags": "7:8", "tags.0": "7:9", "tags.1": "7:20", "host": "9:2", "host.name": "10:8", "host.country": "11:11",
			"photo": "13:2", "photo.src": "14:7", "photo.alt": "15:7",
			"consent": "17:2", "consent.given": "18:9", "consent.scope": "19:9", "consent.scope.0": "20:3", "consent.scope.1": "21:3",
			"params": "24:2", "params.color": "25:9", "params.size": "26:8", "params.ratio": "27:9", "params.shown": "28:9",
			"params.list": "29:8", "params.list.0": "29:9", "params.list.1": "29:14",
		}},
		{"JSON", jsonSrc, map[string]string{
			"": "1:1", "title": "2:12", "date": "3:11", "mobility_year": "4:20", "draft": "5:12", "country": "6:14",
			"tags": "7:11", "tags.0": "7:12", "tags.1": "7:23", "host": "8:11", "host.name": "8:20", "host.country": "8:53",
			"photo": "9:12", "photo.src": "9:20", "photo.alt": "9:39",
			"consent": "10:14", "consent.given": "11:14", "consent.scope": "12:14", "consent.scope.0": "12:15", "consent.scope.1": "12:22",
			"params": "14:13", "params.color": "14:23", "params.size": "14:39", "params.ratio": "14:51", "params.shown": "14:65",
			"params.nothing": "14:82", "params.list": "14:96", "params.list.0": "14:97", "params.list.1": "14:102",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, pos, ds := decodeFile(t, tt.src)
			if len(ds) > 0 {
				t.Fatalf("diagnostics:\n%s", strings.Join(ds, "\n"))
			}
			w := want
			if tt.name == "TOML" {
				// TOML has no null.
				w.Params = map[string]any{"color": "blue", "size": 3, "ratio": 1.5, "shown": true, "list": []any{"a", 2}}
			}
			if !reflect.DeepEqual(got, w) {
				t.Errorf("decoded\n%+v\nwant\n%+v", got, w)
			}
			gotPos := map[string]string{}
			for k, p := range pos {
				gotPos[k] = fmt.Sprintf("%d:%d", p.Line, p.Col)
			}
			if !reflect.DeepEqual(gotPos, tt.pos) {
				t.Errorf("positions\n%v\nwant\n%v", gotPos, tt.pos)
			}
		})
	}
}
