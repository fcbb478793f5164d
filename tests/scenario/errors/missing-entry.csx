// @title error case
void Helper() { }
