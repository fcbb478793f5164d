// @title t
// @expect-when Fast=true outcome completed
void Main() { }
