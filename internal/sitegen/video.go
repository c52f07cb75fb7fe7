package sitegen

import (
	"bytes"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/alumni-site/alumni/internal/slug"
)

// videoRand returns the generator of video v; its stream is distinct from
// every story's.
func (g *generator) videoRand(v int) *rand.Rand {
	return rand.New(rand.NewPCG(g.opt.Seed, uint64(v)<<1|1))
}

// speakers returns the people of video v's speaker stories.
func (g *generator) speakers(v int) []person {
	var out []person
	for i := 10 * v; i < 10*v+10 && g.videoOf(i) == v; i++ {
		out = append(out, personOf(g.storyRand(i), i))
	}
	return out
}

// videoSlug returns the slug of video v, made from its first speaker.
func (g *generator) videoSlug(v int) string {
	p := personOf(g.storyRand(10*v), 10*v)
	return "film-" + strconv.Itoa(v+1) + "-" + slug.Make(p.name)
}

// idChars are the characters of a YouTube id.
const idChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"

// video writes video v: its page, its captions and, for three in ten, their
// English versions.
func (w *pageWriter) video(v int) error {
	g := w.g
	r := g.videoRand(v)
	people := g.speakers(v)
	first := people[0]
	w.place = place{city: first.host.city, inst: first.host.name, inPL: first.host.country.inPL, inEN: "in " + first.host.country.en}
	names := make([]string, len(people))
	slugs := make([]string, len(people))
	for k, p := range people {
		names[k], slugs[k] = p.name, p.slug
	}
	var id [11]byte
	for k := range id {
		id[k] = idChars[r.IntN(len(idChars))]
	}
	seconds := 60 + r.IntN(540)
	date := ymd{2016 + r.IntN(10), 1 + r.IntN(12), 1 + r.IntN(28)}
	translated := r.IntN(10) < 3
	dir := "content/videos/" + g.videoSlug(v)
	if err := g.mkdir(dir); err != nil {
		return err
	}

	header := func(title, description string) {
		f := &w.front
		f.Reset()
		f.WriteString("---\n")
		f.key("title", title)
		f.date("date", date)
		f.key("description", description)
		f.WriteString("video:\n  provider: youtube\n  id: \"" + string(id[:]) + "\"\n")
		f.WriteString("  duration: \"" + strconv.Itoa(seconds/60) + ":" + pad2(seconds%60) + "\"\n")
		f.WriteString("  captions:\n    pl: captions.pl.vtt\n")
		if translated {
			f.WriteString("    en: captions.en.vtt\n")
		}
		f.WriteString("speakers: [" + strings.Join(slugs, ", ") + "]\n")
		f.WriteString("---\n\n")
	}
	header("Film "+strconv.Itoa(v+1)+": "+strings.Join(names, ", ")+" o swoich wyjazdach",
		"Rozmowa o pobycie "+first.host.country.inPL+" i o tym, co było potem.")
	w.transcript(r, &polish, "Transkrypcja", names)
	if err := w.write(dir + "/index.md"); err != nil {
		return err
	}
	if err := g.writeFile(dir+"/captions.pl.vtt", w.scratch.Bytes()); err != nil {
		return err
	}
	if !translated {
		return nil
	}
	header("Video "+strconv.Itoa(v+1)+": "+strings.Join(names, ", ")+" on their exchanges",
		"A conversation about an exchange "+w.place.inEN+" and what came after.")
	w.transcript(r, &english, "Transcript", names)
	if err := w.write(dir + "/index.en.md"); err != nil {
		return err
	}
	return g.writeFile(dir+"/captions.en.vtt", w.scratch.Bytes())
}

// transcript writes a video's description and transcript into w.body and
// its captions, in WebVTT, into w.scratch.
func (w *pageWriter) transcript(r *rand.Rand, c *corpus, heading string, names []string) {
	w.inEN = c == &english
	b, vtt := &w.body, &w.scratch
	b.Reset()
	vtt.Reset()
	w.paragraph(r, c)
	b.WriteString("## " + heading + "\n\n")
	vtt.WriteString("WEBVTT\n")
	var line bytes.Buffer
	for k := range 6 + r.IntN(6) {
		line.Reset()
		w.text(&line, pick(r, c.sentences))
		name := names[k%len(names)]
		b.WriteString("**" + name + ":** ")
		b.Write(line.Bytes())
		b.WriteString("\n\n")
		vtt.WriteString("\n" + cueTime(4*k) + " --> " + cueTime(4*k+4) + "\n<v " + name + ">")
		vtt.Write(line.Bytes())
		vtt.WriteByte('\n')
	}
}

// cueTime formats seconds as a WebVTT timestamp.
func cueTime(s int) string {
	return pad2(s/3600) + ":" + pad2(s/60%60) + ":" + pad2(s%60) + ".000"
}
