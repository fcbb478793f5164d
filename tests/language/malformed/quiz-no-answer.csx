// @title t
// @quiz Which thread?
// @choice Main
// @choice UI
void Main() { }
