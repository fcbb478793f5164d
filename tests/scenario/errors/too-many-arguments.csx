// @title error case
void Main() { Helper(1, 2); }
void Helper(int a) { }
