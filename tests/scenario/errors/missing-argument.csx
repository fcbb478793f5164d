// @title error case
void Main() { Helper(); }
void Helper(int a) { }
