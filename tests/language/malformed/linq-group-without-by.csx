// @title t
async Task Main() {
  var q = from x in Enumerable.Range(1, 3) group x into g select g.Key;
}
