// @title error case
async Task Main() { var l = new Lazy<int>(() => 1); l.Reset(); }
