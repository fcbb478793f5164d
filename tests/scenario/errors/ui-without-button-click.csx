// @title error case
// @environment ui
void Main() { }
