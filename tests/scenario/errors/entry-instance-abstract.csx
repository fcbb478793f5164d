// @title error case
// @environment ui
abstract class FormBase
{
    private void Button_Click(object sender, EventArgs e) { }
}
