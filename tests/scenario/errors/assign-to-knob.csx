// @title error case
// @knob K = 1 "k"
void Main() { K = 2; }
