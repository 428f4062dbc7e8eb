from desktop.pages.home import HomePage


def test_main_window_shows_home_with_dashboard(window, qtbot):
    home = window.page("home")
    assert isinstance(home, HomePage)
    qtbot.waitUntil(lambda: home.data is not None)
    assert window.sidebar.item(0).text() == "首页"
