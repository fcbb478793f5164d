// @title error case
async Task Main() {
  var q = from x in Enumerable.Range(1, 3) let y = x * 2 select y;
}
