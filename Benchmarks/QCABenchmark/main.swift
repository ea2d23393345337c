print("QCA benchmark: not yet written")
