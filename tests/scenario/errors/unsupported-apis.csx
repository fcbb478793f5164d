// @title error case
using System.Threading.Channels;
using System.Collections.Concurrent;
async Task Main() {
 var m = File.ReadAllText("abc");
 var ch = Channel.CreateUnlimited<int>();
 var d = new ConcurrentStack<int>();
 var q = new BlockingCollection<int>();
 ThreadLocal<int> tl = new ThreadLocal<int>();
 await Task.WhenEvery(Task.Delay(1));
 var r = new StreamReader("a");
}
