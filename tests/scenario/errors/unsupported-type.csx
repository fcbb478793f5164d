// @title error case
void Main() { var x = new Dictionary<int, int>(); }
