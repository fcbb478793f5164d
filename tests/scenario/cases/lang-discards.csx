// @title discards: _ = FireAndForget()
async Task Main() {
 _ = Work();
 _ = Task.Run(() => Console.WriteLine("run"));
 await Task.Delay(100);
}
static async Task Work() { await Task.Delay(10); Console.WriteLine("work done"); }
