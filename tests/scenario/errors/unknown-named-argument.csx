// @title error case
void Main() { Http.GetAsync("u", 10, fial: true); }
