print("ward")
