// @title error case
// @knob X = maybe "x"
void Main() { }
