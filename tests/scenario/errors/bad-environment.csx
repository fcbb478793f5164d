// @title error case
// @environment mobile
void Main() { }
