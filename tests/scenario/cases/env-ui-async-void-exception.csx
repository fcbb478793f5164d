// @title an exception escaping async void on the UI thread crashes the app
// @environment ui
async void Button_Click(object sender, EventArgs e)
{
    await Task.Delay(50);
    throw new InvalidOperationException("unhandled in the click handler");
}
