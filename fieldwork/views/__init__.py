"""The fieldwork pages, one module per part; fieldwork.urls wires them."""
