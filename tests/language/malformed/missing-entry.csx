// @title t
// @environment ui
void Main() { }
