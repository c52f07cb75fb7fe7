package sitegen

import (
	"bytes"
	"math/rand/v2"
	"strconv"

	"github.com/alumni-site/alumni/internal/slug"
)

// person is who a story is about and where they went: everything that
// other pages (the videos) need to know about story i.
type person struct {
	name, slug string
	host       *institution
	bundle     bool
	photo      bool
	translated bool
}

// storyRand returns the generator of story i. Its first draws make the
// person, so personOf(i) can be called again by a video.
func (g *generator) storyRand(i int) *rand.Rand {
	return rand.New(rand.NewPCG(g.opt.Seed, uint64(i)<<1))
}

// personOf draws story i's person from r, a fresh storyRand(i).
func personOf(r *rand.Rand, i int) person {
	var first, last string
	if r.IntN(2) == 0 {
		first, last = pick(r, femaleNames), pick(r, surnames)[1]
	} else {
		first, last = pick(r, maleNames), pick(r, surnames)[0]
	}
	p := person{name: first + " " + last, host: &institutions[r.IntN(len(institutions))]}
	p.slug = slug.Make(p.name+" "+p.host.city) + "-" + strconv.Itoa(i+1)
	p.bundle = r.IntN(10) < 4
	p.photo = p.bundle && r.IntN(2) == 0
	p.translated = r.IntN(10) < 3
	return p
}

// videoOf returns the video whose speaker story i is, or -1: video v's
// speakers are its first 1 + v%3 stories of stories 10v to 10v+9.
func (g *generator) videoOf(i int) int {
	v := i / 10
	if v < g.videos && i%10 < 1+v%3 {
		return v
	}
	return -1
}

// programs are drawn with these weights (out of 100).
var programs = []struct {
	name   string
	weight int
	staff  bool
}{
	{"study", 58, false}, {"traineeship", 25, false}, {"staff-teaching", 8, true},
	{"staff-training", 7, true}, {"blended", 2, false},
}

// story writes story i and its translation.
func (w *pageWriter) story(i int) error {
	r := w.g.storyRand(i)
	p := personOf(r, i)
	w.place = place{city: p.host.city, inst: p.host.name, inPL: p.host.country.inPL, inEN: "in " + p.host.country.en}
	program := programs[len(programs)-1]
	for n, k := r.IntN(100), 0; k < len(programs); k++ {
		if n -= programs[k].weight; n < 0 {
			program = programs[k]
			break
		}
	}
	role := "student"
	switch {
	case program.staff && r.IntN(2) == 0:
		role = "teacher"
	case program.staff:
		role = "staff"
	case r.IntN(2) == 0:
		role = "graduate"
	}
	year := 2012 + r.IntN(13)
	date := ymd{year + 1 + r.IntN(max(1, 2025-year)), 2 + r.IntN(11), 1 + r.IntN(28)}
	if date.y > 2025 {
		date.y = 2025
	}
	consent := ymd{date.y, date.m - 1, date.d}
	profession := -1
	if role == "graduate" {
		profession = r.IntN(len(professions))
	}
	tagSet := pickTags(r)
	video := w.g.videoOf(i)
	scoped := r.IntN(2) == 0
	featured := r.IntN(50) == 0
	title, quote := r.IntN(len(plTitles)), r.IntN(len(plQuotes))

	f := &w.front
	f.Reset()
	f.WriteString("---\n")
	f.key("title", w.expand(plTitles[title]))
	f.date("date", date)
	f.key("description", p.name+" opowiada o pobycie "+p.host.country.inPL+": "+p.host.name+", "+p.host.city+".")
	f.WriteString("person:\n")
	f.key("  name", p.name)
	f.WriteString("  role: " + role + "\n")
	if p.photo {
		f.WriteString("  photo: photo.jpg\n")
		f.key("  photo_alt", plPhotoAlt)
	}
	f.WriteString("program: " + program.name + "\n")
	f.WriteString("faculty: " + faculties[r.IntN(len(faculties))].key + "\n")
	f.WriteString("host:\n")
	f.key("  institution", p.host.name)
	f.key("  city", p.host.city)
	f.WriteString("  country: " + p.host.country.code + "\n")
	f.WriteString("mobility_year: " + strconv.Itoa(year) + "\n")
	if profession >= 0 {
		f.WriteString("graduation_year: " + strconv.Itoa(min(year+1+r.IntN(2), 2025)) + "\n")
		f.key("profession", professions[profession][0])
		f.key("employer", pick(r, employers))
	}
	f.key("quote", plQuotes[quote])
	if video >= 0 {
		f.WriteString("video: " + w.g.videoSlug(video) + "\n")
	}
	if featured {
		f.WriteString("featured: true\n")
	}
	f.tags(tagSet, 0)
	f.WriteString("consent:\n")
	f.date("  given", consent)
	f.key("  id", "ZGODA/"+strconv.Itoa(consent.y)+"/"+pad5(i+1))
	if scoped {
		f.WriteString("  scope: [name")
		if p.photo {
			f.WriteString(", photo")
		}
		f.WriteString(", quote, story")
		if video >= 0 {
			f.WriteString(", video")
		}
		f.WriteString("]\n")
	}
	f.WriteString("---\n\n")
	w.prose(r, &polish, 5400+r.IntN(1600), r.IntN(5) == 0)

	base := "content/stories/" + p.slug
	name, enName := base+".md", base+".en.md"
	if p.bundle {
		if err := w.g.mkdir(base); err != nil {
			return err
		}
		name, enName = base+"/index.md", base+"/index.en.md"
		if p.photo {
			if err := w.g.writeFile(base+"/photo.jpg", portrait); err != nil {
				return err
			}
		}
	}
	if err := w.write(name); err != nil || !p.translated {
		return err
	}

	f.Reset()
	f.WriteString("---\n")
	f.key("title", w.expandEN(enTitles[title%len(enTitles)]))
	f.date("date", date)
	f.key("description", p.name+" tells about an exchange "+w.place.inEN+": "+p.host.name+", "+p.host.city+".")
	if p.photo {
		f.WriteString("person:\n")
		f.key("  photo_alt", enPhotoAlt)
	}
	if profession >= 0 {
		f.key("profession", professions[profession][1])
	}
	f.key("quote", enQuotes[quote%len(enQuotes)])
	f.tags(tagSet, 1)
	f.WriteString("---\n\n")
	w.prose(r, &english, 4400+r.IntN(1600), false)
	return w.write(enName)
}

// pickTags draws two to four distinct tags.
func pickTags(r *rand.Rand) []int {
	n := 2 + r.IntN(3)
	out := make([]int, 0, n)
	for len(out) < n {
		t := r.IntN(len(tags))
		if !containsInt(out, t) {
			out = append(out, t)
		}
	}
	return out
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// ymd is a date.
type ymd struct{ y, m, d int }

func pad5(n int) string {
	s := strconv.Itoa(n)
	for len(s) < 5 {
		s = "0" + s
	}
	return s
}

// frontMatter is a buffer with helpers for YAML front matter.
type frontMatter struct{ bytes.Buffer }

// key writes `key: "value"`, quoted.
func (f *frontMatter) key(key, value string) {
	f.WriteString(key)
	f.WriteString(": ")
	f.Write(strconv.AppendQuote(f.AvailableBuffer(), value))
	f.WriteByte('\n')
}

// date writes `key: YYYY-MM-DD`.
func (f *frontMatter) date(key string, d ymd) {
	f.WriteString(key)
	f.WriteString(": ")
	f.WriteString(strconv.Itoa(d.y))
	f.WriteByte('-')
	f.WriteString(pad2(d.m))
	f.WriteByte('-')
	f.WriteString(pad2(d.d))
	f.WriteByte('\n')
}

// tags writes the tags in language lang (0 Polish, 1 English).
func (f *frontMatter) tags(set []int, lang int) {
	f.WriteString("tags: [")
	for k, t := range set {
		if k > 0 {
			f.WriteString(", ")
		}
		f.Write(strconv.AppendQuote(f.AvailableBuffer(), tags[t][lang]))
	}
	f.WriteString("]\n")
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
