// @title t
// @note 12 something
void Main() { }
