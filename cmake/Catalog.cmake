# Message catalogs: placeholder until the catalog build lands.
