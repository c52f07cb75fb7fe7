package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"time"

	"github.com/alumni-site/alumni/internal/build"
)

// memProfileRate is the runtime's default sampling rate of allocations.
const memProfileRate = 512 * 1024

// profileBuild builds site into dest in this process, through
// internal/build.Build, writing a CPU profile to cpuFile, the profile of
// every allocation the build made to memFile, and the heap profile taken
// when the live heap was largest to heapFile (any may be empty). Read them
// with go tool pprof -top -cum, -sample_index=alloc_space for allocations
// and -sample_index=inuse_space for the heap.
func profileBuild(ctx context.Context, site, dest, cpuFile, memFile, heapFile string, stderr io.Writer) error {
	if err := os.RemoveAll(dest); err != nil {
		return err
	}
	runtime.GC()
	syncDisks()
	// Allocations were not sampled until now (see run), so the profile
	// holds the build's alone.
	runtime.MemProfileRate = memProfileRate
	if cpuFile != "" {
		f, err := os.Create(cpuFile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
	}
	start := time.Now()
	stopWatch := func() error { return nil }
	if heapFile != "" {
		stopWatch = watchHeap(heapFile)
	}
	res := build.Build(ctx, build.Options{Source: site, Dest: dest})
	elapsed := time.Since(start)
	if err := stopWatch(); err != nil {
		return err
	}
	if cpuFile != "" {
		pprof.StopCPUProfile()
	}
	if !res.OK {
		return fmt.Errorf("in-process build failed with %d diagnostics", len(res.Diagnostics))
	}
	fmt.Fprintf(stderr, "in-process build: %d files in %.2f s\n", res.Files, elapsed.Seconds())
	if memFile != "" {
		f, err := os.Create(memFile)
		if err != nil {
			return err
		}
		defer f.Close()
		runtime.GC() // the profile is as of the last collection
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			return err
		}
	}
	return os.RemoveAll(dest)
}

// watchHeap polls the live heap while a build runs and keeps the heap
// profile of the largest one seen; the returned function stops polling and
// writes that profile to file.
func watchHeap(file string) func() error {
	done, finished := make(chan struct{}), make(chan struct{})
	var best bytes.Buffer
	go func() {
		defer close(finished)
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		var most uint64
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			if live := sample[0].Value.Uint64(); live > most {
				most = live
				best.Reset()
				pprof.Lookup("heap").WriteTo(&best, 0)
			}
		}
	}()
	return func() error {
		close(done)
		<-finished
		if best.Len() == 0 { // a build shorter than one tick
			pprof.Lookup("heap").WriteTo(&best, 0)
		}
		return os.WriteFile(file, best.Bytes(), 0o644)
	}
}
