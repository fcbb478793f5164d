// @title error case
using System.Threading.Channels;
using System.Collections.Concurrent;
async Task Main() {
 Parallel.ForEach(new[] { 1 }, x => { });
 var ch = Channel.CreateUnbounded<int>();
 var d = new ConcurrentDictionary<int, int>();
 var q = new ConcurrentQueue<int>();
 ThreadLocal<int> tl = new ThreadLocal<int>();
 await foreach (var t in Task.WhenEach(Task.Delay(1))) { }
 var r = new Regex("a");
}
