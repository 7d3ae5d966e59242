package tag

import (
	"runtime"
	"testing"
)

// BenchmarkNew compiles 100,000 keywords over 50 tags, as a large config
// would have them, and reports the memory the compiled engine keeps.
func BenchmarkNew(b *testing.B) {
	rules := generatedRules(b, 50, 2000)
	var kept float64
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		e, err := New(rules)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		kept = float64(after.HeapAlloc-before.HeapAlloc) / (1 << 20)
		runtime.KeepAlive(e)
	}
	b.ReportMetric(kept, "kept-MiB")
}
