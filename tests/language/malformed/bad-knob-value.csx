// @title t
// @knob Fast = maybe "Go fast"
void Main() { }
