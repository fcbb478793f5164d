// @title error case
IEnumerable<int> Gen() { yield return 1; }
void Main() { }
