// @title error case
void Main() { goto end; end: ; }
