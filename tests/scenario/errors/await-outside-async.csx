// @title error case
void Main() { int x = await Task.FromResult(1); }
