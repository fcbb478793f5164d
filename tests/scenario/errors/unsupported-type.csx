// @title error case
void Main() { var x = new SortedDictionary<int, int>(); }
