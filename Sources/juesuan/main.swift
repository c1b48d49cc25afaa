print("juesuan")
