// @title error case
void Main() { yield return 1; }
