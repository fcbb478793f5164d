// @title t
// @expect finishes quickly
void Main() { }
