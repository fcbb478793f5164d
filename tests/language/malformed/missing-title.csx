// @environment console
void Main() { }
