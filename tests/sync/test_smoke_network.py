from syncnet import ORDER


def test_network_template_is_consistent(net):
    assert net.dumps_agree() == []
    for n in ORDER:
        assert net.db(n).execute("SELECT office_id FROM node_state").fetchone()[0] == net.office(n)
