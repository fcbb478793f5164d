// @title error case
async Task Main() { var r = Enumerable.Range(1, 3); Console.WriteLine(r.All()); }
