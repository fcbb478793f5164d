// @title error case
// @note L99: nothing here
void Main() { }
